// The vendored editor bundle: TipTap (on ProseMirror) with the extensions the minutes use, exposed as
// window.PortalTiptap for static/js/meetings-minutes.js. Nothing of ours is in here: our code stays readable and
// unbundled in static/js.
export { Editor, Extension, mergeAttributes } from "@tiptap/core";
export { StarterKit } from "@tiptap/starter-kit";
export { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
