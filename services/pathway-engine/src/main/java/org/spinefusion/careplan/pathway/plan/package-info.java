/**
 * Makes the resources of one episode's plan from the compiled pathway: the CarePlan and its activities, the
 * milestone Goals, the tailored Questionnaires, the planned education messages and the Provenance.
 */
package org.spinefusion.careplan.pathway.plan;
