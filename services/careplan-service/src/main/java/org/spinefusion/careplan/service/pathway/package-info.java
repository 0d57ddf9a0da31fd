/**
 * Wires the Spring-free pathway engine into the service: the shared R4 {@code FhirContext}, the pathway package read
 * from the classpath, the {@code PathwayEngine}, the clock and the clinic's time zone. The engine and the package are
 * created on first use, so the service starts even when nothing asks for them.
 */
package org.spinefusion.careplan.service.pathway;
