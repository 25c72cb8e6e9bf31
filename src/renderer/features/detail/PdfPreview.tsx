/**
 * A PDF shown inside the page with pdf.js. pdf.js (and its worker, served from our own
 * origin via Vite's `?url`) loads only when a PDF is first previewed. Pages render one
 * after another at the panel's width; long documents show the first pages and a button
 * for the rest.
 */
import { useEffect, useRef, useState } from 'react';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

const FIRST_PAGES = 5;

type PdfJs = typeof import('pdfjs-dist');
let pdfjsPromise: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist').then((m) => {
    m.GlobalWorkerOptions.workerSrc = workerUrl;
    return m;
  });
  return pdfjsPromise;
}

const asset = (p: string) => new URL(p, document.baseURI).href;

export function PdfPreview({ bytes, fileName }: { bytes: Uint8Array; fileName: string }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [pageCount, setPageCount] = useState<number | null>(null);
  const [shown, setShown] = useState(FIRST_PAGES);
  const [error, setError] = useState<string | null>(null);
  const docRef = useRef<import('pdfjs-dist').PDFDocumentProxy | null>(null);

  useEffect(() => {
    let cancelled = false;
    let task: import('pdfjs-dist').PDFDocumentLoadingTask | null = null;
    setError(null);
    setPageCount(null);
    void (async () => {
      try {
        const pdfjs = await loadPdfJs();
        // pdf.js takes ownership of the buffer: give it a copy.
        task = pdfjs.getDocument({
          data: bytes.slice(),
          isEvalSupported: false,
          standardFontDataUrl: asset('./pdfjs/standard_fonts/'),
          cMapUrl: asset('./pdfjs/cmaps/'),
          cMapPacked: true,
          wasmUrl: asset('./pdfjs/wasm/'),
        });
        const doc = await task.promise;
        if (cancelled) return void doc.destroy();
        docRef.current = doc;
        setPageCount(doc.numPages);
      } catch (e) {
        if (!cancelled) setError(`Không hiển thị được tệp PDF: ${(e as Error)?.message ?? String(e)}`);
      }
    })();
    return () => {
      cancelled = true;
      void task?.destroy();
      void docRef.current?.destroy();
      docRef.current = null;
    };
  }, [bytes]);

  useEffect(() => {
    const doc = docRef.current;
    const container = containerRef.current;
    if (!doc || !container || pageCount === null) return;
    let cancelled = false;
    const renders: { cancel(): void }[] = [];
    void (async () => {
      const width = Math.max(200, container.clientWidth - 16);
      const ratio = window.devicePixelRatio || 1;
      for (let n = 1; n <= Math.min(pageCount, shown); n++) {
        if (cancelled) return;
        const existing = container.querySelector<HTMLCanvasElement>(`canvas[data-page="${n}"]`);
        if (existing?.dataset.done) continue;
        try {
          const page = await doc.getPage(n);
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: (width / base.width) * ratio });
          const canvas = existing ?? document.createElement('canvas');
          canvas.dataset.page = String(n);
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', `${fileName} — trang ${n}/${pageCount}`);
          if (!existing) container.querySelector('.pdf-pages')?.appendChild(canvas);
          const task = page.render({ canvas, viewport });
          renders.push(task);
          await task.promise;
          canvas.dataset.done = '1';
        } catch (e) {
          if (!cancelled && (e as Error)?.name !== 'RenderingCancelledException') {
            setError(`Không hiển thị được trang ${n}: ${(e as Error)?.message ?? String(e)}`);
          }
          return;
        }
      }
    })();
    return () => {
      cancelled = true;
      renders.forEach((r) => r.cancel());
    };
  }, [pageCount, shown, fileName]);

  return (
    <div className="pdf-preview" ref={containerRef} data-testid="pdf-preview" data-pages={pageCount ?? ''}>
      {error ? <div className="banner banner-error">{error}</div> : null}
      {pageCount === null && !error ? <div className="muted">Đang mở tệp PDF…</div> : null}
      {pageCount !== null ? (
        <div className="muted small pdf-info">
          {pageCount} trang{pageCount > shown ? ` — đang hiện ${shown} trang đầu` : ''}
        </div>
      ) : null}
      <div className="pdf-pages" />
      {pageCount !== null && pageCount > shown ? (
        <button type="button" className="btn btn-small" onClick={() => setShown((s) => s + 10)}>
          Xem thêm trang
        </button>
      ) : null}
    </div>
  );
}
