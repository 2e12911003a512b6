/**
 * The nonce the gateway put in this page and in its Content-Security-Policy.
 * Ant Design passes it to the <style> elements it writes (ConfigProvider
 * csp); some of its helpers (scroll-bar measurement, scroll locking) create
 * theirs without it, and the policy blocks them. So every <style> element
 * this page's own scripts create gets the nonce: the scripts are the
 * gateway's (script-src 'self'), while a <style> injected as markup, which
 * is what the policy guards against, is never created here and stays
 * blocked.
 */
export const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;

if (nonce) {
  const create = document.createElement.bind(document);
  document.createElement = ((tagName: string, options?: ElementCreationOptions) => {
    const element = create(tagName, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  }) as typeof document.createElement;
}
