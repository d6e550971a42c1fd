import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AppRoutes } from './routes';

dayjs.locale('zh-cn');

export function App() {
  return (
    // no space inserted between two Chinese characters of a button: "登录" stays one word for screen readers
    <ConfigProvider locale={zhCN} theme={{ token: { fontFamily: FONTS } }} button={{ autoInsertSpace: false }}>
      <AppRoutes />
    </ConfigProvider>
  );
}

/** System fonts with Chinese coverage first: nothing to download, and no boxes where a glyph is missing. */
const FONTS =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
