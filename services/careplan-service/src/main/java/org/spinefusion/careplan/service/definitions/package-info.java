/**
 * Seeds storage at start-up with the pathway's definitional artifacts (PlanDefinitions, ActivityDefinitions, base
 * Questionnaires, profiles and terminology) from the FHIR package, so the API serves the exact definitions the engine
 * applies. Seeding is idempotent and serialized across replicas by an advisory lock.
 */
package org.spinefusion.careplan.service.definitions;
