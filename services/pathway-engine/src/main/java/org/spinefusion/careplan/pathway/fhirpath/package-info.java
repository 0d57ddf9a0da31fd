/**
 * FHIRPath evaluation of the conditions written in the pathway artifacts, with named variables ({@code %surgery},
 * {@code %response}, {@code %previous}) and no reference resolution, so an expression sees only what it is given.
 */
package org.spinefusion.careplan.pathway.fhirpath;
