// Types of the <cert-inspector> custom element (./cert-inspector.js). Importing the module
// (or loading it with a script tag) defines the element; this file adds it to TypeScript's
// HTMLElementTagNameMap, so document.querySelector("cert-inspector") and createElement are
// typed, and types its events.

import type { Report } from "./pkg/certlens.js";

/** The events of <cert-inspector> (both bubble and cross shadow roots), beside those of every element. */
export interface CertInspectorEventMap extends HTMLElementEventMap {
  /** After every inspection (as the user types, drops files or changes an option): the report. */
  report: CustomEvent<Report>;
  /** Once the checker (the wasm and the root programs) is loaded. */
  ready: CustomEvent<{ version: string }>;
}

/**
 * <cert-inspector hosts="www.example.com" checks="key_match" compact lang="ja" at="..." loading="eager">.
 * Attributes: hosts, checks, compact, lang, at, loading (see README.md). The element sets
 * data-ready="true" once loaded (the wasm and the root programs), data-checks to the number of
 * completed inspections, and data-intermediates ("loading", "loaded" or "unavailable") for
 * certlens's public intermediates, fetched at idle once ready (a report made without them is
 * checked again when they arrive).
 */
export interface CertInspectorElement extends HTMLElement {
  /** The latest report shown, or null. */
  readonly report: Report | null;
  /** Adds files as if they were dropped on the element. */
  addFiles(files: Iterable<File> | ArrayLike<File>): Promise<void>;
  /** Starts loading the checker now (the same as loading="eager"). */
  preload(): void;

  addEventListener<K extends keyof CertInspectorEventMap>(
    type: K,
    listener: (this: CertInspectorElement, event: CertInspectorEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof CertInspectorEventMap>(
    type: K,
    listener: (this: CertInspectorElement, event: CertInspectorEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/** The element's class, as registered with customElements.define("cert-inspector", ...). */
export declare const CertInspector: {
  prototype: CertInspectorElement;
  new (): CertInspectorElement;
};

declare global {
  interface HTMLElementTagNameMap {
    "cert-inspector": CertInspectorElement;
  }
}
