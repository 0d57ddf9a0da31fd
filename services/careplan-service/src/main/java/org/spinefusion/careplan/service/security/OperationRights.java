package org.spinefusion.careplan.service.security;

/**
 * What a FHIR operation needs. Declare one as a bean to open an operation to SMART scopes; any operation without one
 * needs the admin scope ({@code system/careplan.admin}). Patient-context tokens can never call operations that write.
 *
 * @param operation the operation name with its {@code $}, e.g. {@code $apply}
 * @param resourceType the type whose scopes decide, e.g. {@code CarePlan}
 * @param interactions every one of these SMART v2 letters must be granted on that type
 */
public record OperationRights(String operation, String resourceType, String interactions) {}
