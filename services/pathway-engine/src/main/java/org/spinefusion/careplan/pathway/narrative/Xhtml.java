package org.spinefusion.careplan.pathway.narrative;

import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * Builds narrative XHTML as a node tree, never by concatenating markup, so text from the pathway or the input is
 * always escaped and the result is always well-formed.
 */
public final class Xhtml {

    private final XhtmlNode div;

    private Xhtml() {
        div = new XhtmlNode(NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
    }

    public static Xhtml div() {
        return new Xhtml();
    }

    public Xhtml heading(String text) {
        div.addTag("h3").addText(text);
        return this;
    }

    public Xhtml paragraph(String text) {
        if (text != null && !text.isBlank()) {
            div.addTag("p").addText(text);
        }
        return this;
    }

    /** A paragraph that starts with a bold label, e.g. "Due: 2026-03-01". */
    public Xhtml field(String label, String value) {
        if (value != null && !value.isBlank()) {
            XhtmlNode p = div.addTag("p");
            p.addTag("b").addText(label + ": ");
            p.addText(value);
        }
        return this;
    }

    public Table table(String... headings) {
        XhtmlNode table = div.addTag("table");
        XhtmlNode head = table.addTag("tr");
        for (String heading : headings) {
            head.addTag("th").addText(heading);
        }
        return new Table(table);
    }

    public Narrative toNarrative() {
        Narrative narrative = new Narrative();
        narrative.setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDiv(div);
        return narrative;
    }

    /** A table whose rows are added one by one. */
    public static final class Table {

        private final XhtmlNode table;

        private Table(XhtmlNode table) {
            this.table = table;
        }

        public Table row(String... cells) {
            XhtmlNode row = table.addTag("tr");
            for (String cell : cells) {
                row.addTag("td").addText(cell == null ? "" : cell);
            }
            return this;
        }

        /** A row spanning the table, used as a section title inside it. */
        public Table section(String title, int columns) {
            XhtmlNode cell = table.addTag("tr").addTag("td");
            cell.setAttribute("colspan", Integer.toString(columns));
            cell.addTag("b").addText(title);
            return this;
        }
    }
}
