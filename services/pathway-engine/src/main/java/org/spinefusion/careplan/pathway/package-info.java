/**
 * The pathway engine: applies a pathway PlanDefinition from {@code fhir-profiles/} to one spinal fusion surgery
 * episode and returns the CarePlan, Goals, tailored Questionnaires, planned education Communications and the
 * Provenance, with deterministic ids. Plain Java and HAPI FHIR, no Spring; {@link
 * org.spinefusion.careplan.pathway.PathwayEngine} is the entry point and the contract with the artifacts is
 * docs/pathway-contract.md.
 */
package org.spinefusion.careplan.pathway;
