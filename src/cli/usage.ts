/** A mistake in how the command was called or a file it could not read: exit code 2, plain message. */
export class UsageError extends Error {}

export const USAGE = `Usage:
  calm-cite index FILE... [--bundled] [--format json|stats|text]
      Read reference libraries (BibTeX/BibLaTeX, CSL-JSON, CSL-YAML, RIS, Zotero's zotero.sqlite) and print their entries.
      --bundled   include the CALM 2024 reference list shipped with CALM Cite
  calm-cite check DOC [--pdf DOC.pdf] [--rules calm-2024|neurips-2024|FILE] [--stage submission|camera-ready]
                 [--format text|json|sarif] [--library FILE]...
      Check a LaTeX or Markdown document's citations and, for LaTeX, the CALM 2024 submission rules
      (--stage camera-ready: the camera-ready's rules: [final], authors, the workshop footer).
  calm-cite lsp --stdio
      Serve the Language Server Protocol on standard input and output (Neovim, Emacs, Helix, Zed, ...).
  calm-cite --help | --version

Exit codes: 0 done (library entry errors are reported, not failures), 1 check found errors,
2 usage error or unreadable input.`;
