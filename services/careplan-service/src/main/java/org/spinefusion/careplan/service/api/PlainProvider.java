package org.spinefusion.careplan.service.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Component;

/**
 * Marks a bean the FHIR server registers as a HAPI plain provider (one that is not an {@code IResourceProvider}).
 * Beans declaring an {@code @Operation} method are registered without it; their operations appear in the
 * CapabilityStatement.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface PlainProvider {}
