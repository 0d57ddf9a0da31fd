/**
 * The clinician's SMART app: static pages under {@code /app/} (classpath {@code static/app}) that launch from an EHR
 * or standalone with {@code fhirclient} and read and acknowledge through {@code /fhir} with the user's own token.
 * This package only opens those pages without a token and says which EHR origins may frame them. See the README,
 * "Registering the clinician app in an EHR".
 */
package org.spinefusion.careplan.service.clinician;
