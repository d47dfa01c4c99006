import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1b1f24; }
  header { background: #1b1f24; color: #fff; padding: 0.75rem 1.5rem; font-weight: 600; }
  header small { font-weight: 400; opacity: 0.75; margin-left: 0.5rem; }
  main { max-width: 34rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px;
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.12); }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input { font: inherit; width: 100%; box-sizing: border-box; padding: 0.5rem; margin-top: 0.25rem; }
  button { font: inherit; padding: 0.5rem 1.25rem; margin: 1.25rem 0.5rem 0 0; border-radius: 6px; cursor: pointer;
    border: 1px solid #1b1f24; background: #1b1f24; color: #fff; }
  button.secondary { background: #fff; color: #1b1f24; }
  .actions { display: flex; flex-wrap: wrap; }
  .actions form { margin: 0; }
  [role="alert"] { background: #fdecea; border: 1px solid #e5a59c; padding: 0.5rem 0.75rem; border-radius: 6px; }
  [role="status"] { background: #e8f4ea; border: 1px solid #9ccaa5; padding: 0.5rem 0.75rem; border-radius: 6px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; }
`;

/** The frame of every sandbox page. Interpolated values are HTML-escaped by the `html` tag. */
export function layout(title: string, body: Fragment): Fragment {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · OpenTrain sandbox</title>
    <style>${STYLE}</style>
  </head>
  <body>
    <header>OpenTrain<small>local sandbox</small></header>
    <main>
      <h1>${title}</h1>
      ${body}
    </main>
  </body>
</html>`;
}
