// Controls that call AWS, open a tab or write the clipboard act only on a real user's event: a script in the page
// can dispatch a click, but the browser marks it untrusted (event.isTrusted is false), and then nothing happens.

/** The handler, run only for trusted events; an untrusted one is also stopped from following a link. */
export function onTrusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (!event.isTrusted) {
      event.preventDefault();
      return;
    }
    handler(event);
  };
}
