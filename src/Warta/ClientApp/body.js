// The body's schema: every element and attribute the sanitizer allows (docs/content-html.md) is a node,
// mark or attribute here. ProseMirror drops what its schema cannot parse (an <img>, a <figure>'s
// structure, a <table>'s), so a body opened and touched would be saved poorer than it was stored.
// bodyHtml() writes the document back in the stored form: <thead> and <caption> where they were,
// <b> and <i> as they were, text and images without a <p> where they had none.
import { Extension, Node, mergeAttributes } from '@tiptap/core'; // Node here is TipTap's; the DOM's is window.Node
import { DOMSerializer } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import Subscript from '@tiptap/extension-subscript';
import Superscript from '@tiptap/extension-superscript';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';

const PageBreak = Node.create({
  name: 'pageBreak',
  group: 'block',
  atom: true,
  parseHTML: () => [{ tag: 'hr.page-break', priority: 60 }], // ahead of the plain <hr> rule
  renderHTML: () => ['hr', { class: 'page-break' }],
  addCommands() {
    // A paragraph follows, so typing goes on below the break rather than over it.
    return { insertPageBreak: () => ({ commands }) => commands.insertContent([{ type: this.name }, { type: 'paragraph' }]) };
  },
  addKeyboardShortcuts() {
    return { 'Mod-Shift-Enter': () => this.editor.commands.insertPageBreak() };
  },
});

// The same two forms ArticleHtml.BacaJuga writes: a link to the story, or its headline in bold.
const BacaJuga = Node.create({
  name: 'bacaJuga',
  group: 'block',
  atom: true,
  addAttributes: () => ({ href: { default: null }, headline: { default: '' } }),
  parseHTML: () => [{
    tag: 'p.baca-juga',
    priority: 60, // ahead of the plain paragraph rule, which would also match this <p>
    getAttrs: (element) => {
      const link = element.querySelector('a[href]');
      return {
        href: link?.getAttribute('href') ?? null,
        headline: (link?.textContent ?? element.textContent.replace(/^\s*Baca juga:\s*/i, '')).trim(),
      };
    },
  }],
  renderHTML: ({ node }) => node.attrs.href
    ? ['p', { class: 'baca-juga' }, 'Baca juga: ', ['a', mergeAttributes({ href: node.attrs.href }), node.attrs.headline]]
    : ['p', { class: 'baca-juga' }, 'Baca juga: ', ['strong', node.attrs.headline]],
});

// <figure> holds any blocks (usually an image) and a caption before or after them.
const Figure = Node.create({
  name: 'figure',
  group: 'block',
  content: 'figcaption? block+ figcaption?',
  isolating: true,
  parseHTML: () => [{ tag: 'figure' }],
  renderHTML: ({ HTMLAttributes }) => ['figure', HTMLAttributes, 0],
});

const Figcaption = Node.create({
  name: 'figcaption',
  content: 'inline*',
  isolating: true,
  parseHTML: () => [{ tag: 'figcaption', context: 'figure/' }],
  renderHTML: ({ HTMLAttributes }) => ['figcaption', HTMLAttributes, 0],
});

// prosemirror-tables wants a table to hold rows only, so a table with a <caption> becomes this
// wrapper around the caption and the table. In the editor both are shown as blocks (a <caption>
// outside a <table> is not rendered as one); bodyHtml() writes them back as one <table>.
const CaptionedTable = Node.create({
  name: 'captionedTable',
  group: 'block',
  content: 'tableCaption table',
  isolating: true,
  parseHTML: () => [
    { tag: 'table', priority: 60, getAttrs: (element) => (element.querySelector(':scope > caption') ? null : false) },
    { tag: 'div[data-captioned-table]' },
  ],
  renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-captioned-table': '', class: 'captioned-table' }), 0],
});

const TableCaption = Node.create({
  name: 'tableCaption',
  content: 'inline*',
  isolating: true,
  parseHTML: () => [{ tag: 'caption' }, { tag: 'div[data-table-caption]' }],
  renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-table-caption': '', class: 'table-caption' }), 0],
});

const hidden = (parseHTML) => ({ default: null, parseHTML, renderHTML: () => ({}) });
const plain = (name) => ({ default: null, parseHTML: (element) => element.getAttribute(name), renderHTML: (attrs) => (attrs[name] == null ? {} : { [name]: attrs[name] }) });

// What the stored HTML says that the editor's own nodes would forget: which bold and italic element
// it was, which paragraphs were written as <p> (the schema adds others), whether a quote held bare
// text, whether a row was in <thead>, and the title, width and height the sanitizer allows anywhere.
const StoredForm = Extension.create({
  name: 'storedForm',
  addGlobalAttributes: () => [
    { types: ['bold'], attributes: { element: hidden((element) => (element.nodeName === 'B' ? 'b' : null)) } },
    { types: ['italic'], attributes: { element: hidden((element) => (element.nodeName === 'I' ? 'i' : null)) } },
    { types: ['paragraph'], attributes: { written: hidden(() => true) } },
    { types: ['blockquote'], attributes: { bare: hidden((element) => ([...element.childNodes].some((child) => child.nodeType === 3 && child.textContent.trim()) ? true : null)) } },
    { types: ['tableRow'], attributes: { head: hidden((element) => (element.parentElement?.nodeName === 'THEAD' ? true : null)) } },
    {
      types: ['paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList', 'listItem', 'horizontalRule', 'figure', 'figcaption',
        'captionedTable', 'tableCaption', 'table', 'tableRow', 'tableCell', 'tableHeader', 'bold', 'italic', 'underline', 'strike', 'subscript', 'superscript'],
      attributes: { title: plain('title') },
    },
    { types: ['captionedTable', 'table', 'tableCell', 'tableHeader'], attributes: { width: plain('width'), height: plain('height') } },
  ],
});

export const bodyExtensions = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    code: false,
    codeBlock: false,
    link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
  }),
  PageBreak,
  BacaJuga,
  Image.configure({ inline: true, allowBase64: false }), // inline, so an image in a paragraph or a link stays there
  Figure,
  Figcaption,
  Subscript,
  Superscript,
  Table.configure({ resizable: false }),
  TableRow,
  TableHeader,
  TableCell,
  CaptionedTable,
  TableCaption,
  StoredForm,
];

/** The document as body HTML in the stored form (see the top of this file). */
export function bodyHtml(editor) {
  const view = DOMSerializer.fromSchema(editor.schema);
  const nodes = { ...view.nodes };
  const marks = { ...view.marks };
  const serializer = new DOMSerializer(nodes, marks);
  const render = (spec) => DOMSerializer.renderSpec(document, spec);

  // Where the stored HTML had text or an image without a <p>, the schema had to put one around it
  // (an unwritten paragraph); it goes back without. Two such neighbours keep theirs, or their text would run together.
  const unwritten = (node) => node?.type.name === 'paragraph' && !node.attrs.written;
  const images = (node) => node.childCount > 0 && node.content.content.every((child) => child.type.name === 'image');
  const blocks = (parent, target, textBare) => parent.forEach((child, _offset, index) => {
    if (!unwritten(child)) target.append(serializer.serializeNode(child));
    else if (images(child)) target.append(serializer.serializeFragment(child.content));
    else if (!textBare) target.append(serializer.serializeNode(child));
    else if (child.content.size === 0) return; // filler the schema added to a container that must hold a block
    else if (unwritten(parent.maybeChild(index - 1)) || unwritten(parent.maybeChild(index + 1))) target.append(serializer.serializeNode(child));
    else target.append(serializer.serializeFragment(child.content));
  });
  const bare = (name, textBare = () => true) => (node) => {
    const { dom, contentDOM } = render(view.nodes[name](node));
    for (const [attribute, unsaid] of [['colspan', '1'], ['rowspan', '1'], ['colwidth', null], ['style', null]])
      if (dom.hasAttribute(attribute) && (unsaid === null || dom.getAttribute(attribute) === unsaid)) dom.removeAttribute(attribute);
    blocks(node, contentDOM, textBare(node));
    return { dom };
  };
  nodes.listItem = bare('listItem');
  nodes.tableCell = bare('tableCell');
  nodes.tableHeader = bare('tableHeader');
  nodes.figure = bare('figure');
  nodes.blockquote = bare('blockquote', (node) => node.attrs.bare); // a quote typed in the editor keeps its <p>

  // A table as HTML has it: its attributes, its caption, header rows in <thead>, the rest in <tbody>;
  // none of the editor's <colgroup> or inline sizes.
  const table = (rows, outer, caption) => {
    const element = document.createElement('table');
    for (const name of ['title', 'width', 'height']) if (outer.attrs[name] != null) element.setAttribute(name, outer.attrs[name]);
    if (caption) element.append(serializer.serializeNode(caption));
    let part = null;
    let inHead = true;
    rows.forEach((row) => {
      inHead = inHead && row.attrs.head === true;
      const wanted = inHead ? 'THEAD' : 'TBODY';
      if (part?.nodeName !== wanted) part = element.appendChild(document.createElement(wanted.toLowerCase()));
      part.append(serializer.serializeNode(row));
    });
    return { dom: element };
  };
  nodes.table = (node) => table(node, node, null);
  nodes.captionedTable = (node) => table(node.lastChild, node, node.firstChild);
  nodes.tableCaption = (node) => {
    const element = document.createElement('caption');
    if (node.attrs.title != null) element.setAttribute('title', node.attrs.title);
    return { dom: element, contentDOM: element };
  };

  const tag = (name, element) => (mark, inline) => {
    const { dom } = render(view.marks[name](mark, inline));
    if (!mark.attrs.element) return { dom, contentDOM: dom };
    const stored = document.createElement(element);
    for (const attribute of dom.attributes) stored.setAttribute(attribute.name, attribute.value);
    return { dom: stored, contentDOM: stored };
  };
  marks.bold = tag('bold', 'b');
  marks.italic = tag('italic', 'i');

  // The editor keeps an empty paragraph at the end to type into; it is not part of the story.
  let content = editor.state.doc.content;
  while (content.lastChild?.type.name === 'paragraph' && content.lastChild.content.size === 0)
    content = content.cut(0, content.size - content.lastChild.nodeSize);

  const holder = document.createElement('div');
  blocks(content, holder, false);
  return holder.innerHTML;
}
