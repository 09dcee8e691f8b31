import { useState } from 'react';
import { formatBytes } from '../../../stores/http-format';

/** `data:` URL of an inline body (the app's CSP allows data: images, and an <img> never runs SVG scripts). */
export function imageUrl(mediaType: string, encoding: 'utf8' | 'base64', data: string): string {
  return encoding === 'base64'
    ? `data:${mediaType};base64,${data}`
    : `data:${mediaType};charset=utf-8,${encodeURIComponent(data)}`;
}

/** An image body, at most its natural size, on a checkerboard so transparency shows. */
export function ImageView({
  mediaType,
  encoding,
  data,
  size,
}: {
  mediaType: string;
  encoding: 'utf8' | 'base64';
  data: string;
  size: number;
}) {
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [failed, setFailed] = useState(false);
  return (
    <div className="http-image-view">
      <p className="http-hint" data-testid="http-image-facts">
        {mediaType}, {formatBytes(size)}
        {natural && `, ${natural.width} × ${natural.height} px`}
        {failed && ' — the browser could not decode it; see Hex.'}
      </p>
      <div className="http-image-frame">
        <img
          src={imageUrl(mediaType, encoding, data)}
          alt="The response body as an image"
          data-testid="http-response-image"
          onLoad={(event) =>
            setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })
          }
          onError={() => setFailed(true)}
        />
      </div>
    </div>
  );
}
