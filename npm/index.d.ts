// Types of the certlens npm package. The report's interfaces are the ones wasm-bindgen
// generates from the Rust core (src/wasm.rs), re-exported as they are.

import type {
  CertlensInput,
  CertlensOptions,
  DataInfo,
  LinkResult,
  ObjectReport,
  Report,
  SnippetRequest,
  Snippets,
} from "./pkg/certlens.js";

export type {
  CertlensInput,
  CertlensOptions,
  ChainReport,
  CheckFamily,
  ClientTrust,
  DataInfo,
  DataReport,
  Finding,
  HostCoverage,
  KeyInfo,
  KeyMatch,
  LinkResult,
  Location,
  ObjectReport,
  Report,
  RootReport,
  SnippetRequest,
  Snippets,
  Source,
  Summary,
} from "./pkg/certlens.js";

// The <cert-inspector> element (its HTMLElementTagNameMap entry and its `report` event).
export type { CertInspectorElement, CertInspectorEventMap } from "./cert-inspector.js";

/** A language of the findings' texts. */
export type Language = "en" | "zh" | "ja";

/** The languages of the findings' texts. */
export declare const languages: readonly Language[];

/** The language of the texts: `i18n/<lang>.json` is loaded once and passed as `texts`. */
export interface LanguageOption {
  /** The language of messages, fixes, reasons and comments (default "en"). */
  lang?: Language;
}

/** `CertlensOptions`, with `lang` instead of a catalogue of your own (`texts`). */
export interface InspectOptions extends CertlensOptions, LanguageOption {}

/**
 * Checks the inputs (certificates, chains, keys, CSRs, any mix) and resolves to the report,
 * the same object as the CLI's `--format json`. Loads the WebAssembly module and the package's
 * data files (`data/root-programs.der.gz`, `data/public-intermediates.der.gz`) on first use:
 * each chain gets a verdict per client (`chain.clients`), and missing intermediates certlens
 * has are added (`chain.added`, `fullchain_pem`). Rejects when the root programs file cannot
 * be loaded (missing or damaged: the Error names it).
 * Rejects with an Error naming the argument when an argument is malformed; problems in the
 * inputs themselves are findings, never exceptions.
 */
export declare function inspect(inputs: CertlensInput[], options?: InspectOptions): Promise<Report>;

/** The report's `objects` (same ids and fields) without any check: fields only, fast. */
export declare function parse(inputs: CertlensInput[], options?: LanguageOption): Promise<ObjectReport[]>;

/** Whether the issuer certificate's key verifies the child certificate's signature (PEM or DER). */
export declare function verifyLink(
  child: Uint8Array | ArrayBuffer | string,
  issuer: Uint8Array | ArrayBuffer | string,
  options?: LanguageOption,
): Promise<LinkResult>;

/** nginx, Apache and HAProxy configuration for the given file names and hosts. */
export declare function snippets(request?: SnippetRequest & LanguageOption): Promise<Snippets>;

/** The version of the certlens core (the report's `version`). */
export declare function version(): Promise<string>;

/** The package's data files as the core read them (loaded on first use): root programs first. */
export declare function data(): Promise<DataInfo[]>;

/**
 * Gives the core another data file in certlens's format (`root-programs.der` or
 * `public-intermediates.der`, uncompressed), used instead of the package's own of that kind by
 * every later `inspect`. Rejects with an Error naming the damaged field.
 */
export declare function loadData(data: Uint8Array | ArrayBuffer): Promise<DataInfo>;
