import { Button, Result } from 'antd';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="请检查地址是否正确，或从左侧菜单进入。"
      extra={
        <Link to="/">
          <Button type="primary">回到我的待办</Button>
        </Link>
      }
    />
  );
}
