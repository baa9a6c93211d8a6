import type { editor, IDisposable } from 'monaco-editor/editor';

/**
 * Makes `host` as tall as the code its editors hold (the taller side, for a diff), between the
 * bounds of its class `fits-content` in styles.css: a short starter gets a compact editor, longer
 * code more room, up to a share of the window, after which the editor scrolls. Monaco lays the
 * editors out again when the host's size changes (`automaticLayout`).
 */
export function fitToContent(host: HTMLElement, editors: editor.ICodeEditor[]): IDisposable {
  host.classList.add('fits-content');
  const resize = () => {
    const content = Math.max(...editors.map((each) => each.getContentHeight()));
    // The host's border is outside the editor's box.
    host.style.height = `${content + host.offsetHeight - host.clientHeight}px`;
  };
  const subscriptions = editors.map((each) => each.onDidContentSizeChange(resize));
  resize();
  return {
    dispose: () => {
      for (const subscription of subscriptions) subscription.dispose();
    },
  };
}
