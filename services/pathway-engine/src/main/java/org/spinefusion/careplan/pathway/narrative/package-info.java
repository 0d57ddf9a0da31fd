/** Narrative XHTML built as a node tree (always escaped, always well-formed), and dates as clinicians read them. */
package org.spinefusion.careplan.pathway.narrative;
