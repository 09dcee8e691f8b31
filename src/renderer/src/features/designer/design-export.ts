import type { Design, DesignLayout } from '../../../../shared/design';
import { client } from '../../rpc/client';
import { diagramPng, diagramSvg } from './export/export-diagram';

export type ExportFormat = 'sql' | 'dbml' | 'svg' | 'png';

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the design as a CREATE script, DBML text, or the whole diagram as SVG or PNG. */
export async function exportDesign(
  format: ExportFormat,
  { name, design, layout, theme }: { name: string; design: Design; layout: DesignLayout; theme: 'light' | 'dark' },
): Promise<void> {
  if (format === 'sql') {
    const { sql } = await client.designer.ddl({ design });
    download(new Blob([sql], { type: 'application/sql' }), `${name}.sql`);
  } else if (format === 'dbml') {
    const { dbml } = await client.designer.formatDbml({ design });
    download(new Blob([dbml], { type: 'text/plain' }), `${name}.dbml`);
  } else if (format === 'svg') {
    download(new Blob([diagramSvg(design, layout, theme)], { type: 'image/svg+xml' }), `${name}.svg`);
  } else {
    download(await diagramPng(design, layout, theme), `${name}.png`);
  }
}
