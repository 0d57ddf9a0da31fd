/**
 * HAPI's instance validator loaded with FHIR R4 and this package's profiles and terminology, used by the tests to
 * prove that everything produced conforms; includes the bridge that lets HAPI 8.8.1's validator run on core 6.10.
 */
package org.spinefusion.careplan.pathway.conformance;
