// A tiny element builder for the framework-free UI: h("div", { class: "x", "data-testid": "y" }, children…).

/** Attribute values: strings set as is; `true` sets an empty attribute; false/undefined/null leave it out. */
export type AttrValue = string | number | boolean | undefined | null;
/** Attributes and event handlers (`onclick`, `oninput`, …). */
export type Attrs = Record<string, AttrValue | ((event: never) => void)>;
/** Children: nodes, text, or nothing. */
export type Child = Node | string | number | false | null | undefined | Child[];

/** Creates an element with attributes, `on*` listeners and children (strings become text nodes, never HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === "function") {
      el.addEventListener(key.slice(2), value as EventListener);
    } else if (value === true) {
      el.setAttribute(key, "");
    } else if (value !== false && value !== undefined && value !== null) {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (flattening arrays, skipping empty values). */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.textContent = "";
  append(parent, children);
}

/**
 * Sets or removes an attribute (same value rules as `h`). Leaves the element alone when it already has that value,
 * so redrawing an unchanged state invalidates no style.
 */
export function setAttr(el: Element, name: string, value: AttrValue): void {
  if (value === false || value === undefined || value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
    return;
  }
  const text = value === true ? "" : String(value);
  if (el.getAttribute(name) !== text) el.setAttribute(name, text);
}

/** Sets `el`'s text unless it already is `text` (setting it replaces the text node, which forces style and layout). */
export function setText(el: Node, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Shows or hides `el` (`hidden`) unless it already is. */
export function setHidden(el: HTMLElement, hidden: boolean): void {
  if (el.hidden !== hidden) el.hidden = hidden;
}

/**
 * Runs `callback` in the next animation frame, or after 50 ms while the page is hidden (a hidden page gets no
 * frames, yet its title and state should not wait for the user to come back).
 */
export function nextFrame(callback: () => void): void {
  if (document.hidden) setTimeout(callback, 50);
  else requestAnimationFrame(callback);
}
