/** The auto-layout's web worker: ELK on a 500-table design takes seconds, which the page must not freeze for. */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutDesign } from './layout-design';
import type { LayoutRequest, LayoutResponse } from './auto-layout';

const elk = new ELK();

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, design, layout, mode } = event.data;
  let response: LayoutResponse;
  try {
    response = { id, layout: await layoutDesign(elk, design, layout, mode) };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};
