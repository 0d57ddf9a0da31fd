/**
 * Warning-sign escalation: QuestionnaireResponses in (SMART apps and EHRs, through {@code POST
 * QuestionnaireResponse}), validated against the episode's tailored Questionnaire, evaluated against the escalation
 * rules of {@code fhir-profiles/} and turned, in the same transaction, into prioritized Communications for the care
 * team and the patient, measured Observations, milestone Goal progress and a Provenance. Open escalations are not
 * raised twice; unacknowledged ones climb to the next recipient (db-scheduler one-time task); missed daily check-ins
 * are found by a daily, cluster-safe db-scheduler task. See {@code docs/escalation.md}.
 */
package org.spinefusion.careplan.service.escalation;
