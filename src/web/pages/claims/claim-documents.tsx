import { CameraOutlined, DeleteOutlined, EyeOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, messageOf, toApiError } from '../../data/api-error';
import { api, call, fetchBlob, saveBlob, type Schemas } from '../../data/client';
import { session } from '../../data/session';
import { useUnion } from '../../app/union-context';
import { ItemList } from '../../ui/item-list';
import { documentOptions } from './claim-labels';

type Claim = Schemas['ClaimResponse'];
type Attachment = Claim['attachments'][number];

const MAX_BYTES = 10 * 1024 * 1024;

/** 单据: the claim's documents, viewed inline (images, PDF); added from the camera or files while editable. */
export function ClaimDocuments({ claim, editable, onChange }: { claim: Claim; editable: boolean; onChange: () => void }) {
  const union = useUnion();
  const [viewing, setViewing] = useState<Attachment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/unions/${union.id}/claims/${claim.id}/attachments`;

  const remove = async (a: Attachment) => {
    setError(null);
    try {
      await call(api.DELETE('/api/unions/{unionId}/claims/{id}/attachments/{attachmentId}', { params: { path: { unionId: union.id, id: claim.id, attachmentId: a.id } } }));
      onChange();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <>
      <ItemList
        label="单据"
        items={claim.attachments}
        empty={editable ? '还没有单据：请拍照或选择文件上传发票等单据' : '没有单据'}
        render={(a) => (
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <PaperClipOutlined aria-hidden />
            <div style={{ flex: 1, minWidth: 0 }}>
              <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {a.kindLabel}：{a.fileName}
              </div>
              <div style={{ color: 'rgba(0,0,0,.45)', fontSize: 12 }}>
                {a.invoiceNumber ? `发票号 ${a.invoiceNumber} · ` : ''}
                {(a.size / 1024).toFixed(0)} KB
              </div>
            </div>
            <Button size="small" icon={<EyeOutlined />} onClick={() => setViewing(a)} aria-label={`查看 ${a.fileName}`}>
              查看
            </Button>
            {editable && <Button size="small" danger type="text" icon={<DeleteOutlined />} aria-label={`删除 ${a.fileName}`} onClick={() => void remove(a)} />}
          </div>
        )}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      {editable && <UploadForm url={base} onUploaded={onChange} />}
      {viewing && <Viewer url={`${base}/${viewing.id}`} attachment={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}

function UploadForm({ url, onUploaded }: { url: string; onUploaded: () => void }) {
  const [form] = Form.useForm<{ kind: string; invoiceCode?: string; invoiceNumber?: string }>();
  const kind = Form.useWatch('kind', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const camera = useRef<HTMLInputElement>(null);
  const files = useRef<HTMLInputElement>(null);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    let values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (file.size > MAX_BYTES) return setError('文件不能超过 10 MB');
    // the server reads the fields before the file: append in that order
    const data = new FormData();
    data.append('kind', values.kind);
    if (values.invoiceCode) data.append('invoiceCode', values.invoiceCode.trim());
    if (values.invoiceNumber) data.append('invoiceNumber', values.invoiceNumber.trim());
    data.append('file', file, file.name);
    setBusy(true);
    try {
      const res = await session.fetch(new Request(url, { method: 'POST', body: data }));
      if (!res.ok) throw toApiError(res.status, await res.json().catch(() => null));
      form.setFieldsValue({ invoiceCode: undefined, invoiceNumber: undefined });
      onUploaded();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : messageOf(e));
    } finally {
      setBusy(false);
      if (camera.current) camera.current.value = '';
      if (files.current) files.current.value = '';
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ kind: 'invoice' }} style={{ marginTop: 16 }}>
      <Space wrap align="start">
        <Form.Item label="单据类别" name="kind" rules={[{ required: true }]} style={{ minWidth: 160 }}>
          <Select options={documentOptions} />
        </Form.Item>
        {kind === 'invoice' && (
          <>
            <Form.Item label="发票号码" name="invoiceNumber" rules={[{ required: true, pattern: /^\d{8,20}$/, message: '发票号码为 8–20 位数字' }]}>
              <Input inputMode="numeric" autoComplete="off" />
            </Form.Item>
            <Form.Item label="发票代码（全电发票不填）" name="invoiceCode" rules={[{ pattern: /^\d{10,12}$/, message: '发票代码为 10–12 位数字' }]}>
              <Input inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </>
        )}
      </Space>
      <input ref={camera} type="file" accept="image/*" capture="environment" style={{ display: 'none' }} aria-label="拍照上传" onChange={(e) => void upload(e.target.files?.[0])} />
      <input ref={files} type="file" accept="image/jpeg,image/png,application/pdf,.ofd" style={{ display: 'none' }} aria-label="选择文件上传" onChange={(e) => void upload(e.target.files?.[0])} />
      <Space wrap>
        <Button icon={<CameraOutlined />} loading={busy} onClick={() => camera.current?.click()}>
          拍照上传
        </Button>
        <Button icon={<UploadOutlined />} loading={busy} onClick={() => files.current?.click()}>
          选择文件
        </Button>
      </Space>
      <div style={{ color: 'rgba(0,0,0,.45)', marginTop: 4 }}>支持 JPG、PNG、PDF、OFD，单个不超过 10 MB。</div>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} />}
    </Form>
  );
}

/** Shows a document over the page: images and PDF inline, anything else offered for download. */
function Viewer({ url, attachment, onClose }: { url: string; attachment: Attachment; onClose: () => void }) {
  const [blob, setBlob] = useState<{ url: string; raw: Blob } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    fetchBlob(url).then(
      (raw) => {
        objectUrl = URL.createObjectURL(raw);
        setBlob({ url: objectUrl, raw });
      },
      (e: unknown) => setError(messageOf(e)),
    );
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  const type = attachment.mediaType;
  return (
    <Modal
      open
      title={`${attachment.kindLabel}：${attachment.fileName}`}
      onCancel={onClose}
      width="min(960px, 100vw)"
      style={{ top: 8, maxWidth: '100vw', paddingBottom: 0 }}
      footer={
        <Button disabled={!blob} onClick={() => blob && saveBlob(blob.raw, attachment.fileName)}>
          下载
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!blob && !error && <p>正在打开…</p>}
      {blob && type.startsWith('image/') && <img src={blob.url} alt={attachment.fileName} style={{ maxWidth: '100%', display: 'block', margin: '0 auto' }} />}
      {blob && type === 'application/pdf' && <PdfView url={blob.url} raw={blob.raw} />}
      {blob && !type.startsWith('image/') && type !== 'application/pdf' && <p>此类文件（{type}）不能在浏览器中直接显示，请下载后用相应软件打开。</p>}
    </Modal>
  );
}

function PdfView({ url }: { url: string; raw: Blob }) {
  return <iframe title="PDF 单据" src={url} style={{ width: '100%', height: '75vh', border: 0 }} />;
}
