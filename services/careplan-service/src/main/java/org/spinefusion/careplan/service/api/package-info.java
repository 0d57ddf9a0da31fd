/**
 * The FHIR R4 REST API: a HAPI {@code RestfulServer} mounted at {@code /fhir/*} that serves every
 * {@code IResourceProvider} bean, every {@link org.spinefusion.careplan.service.api.PlainProvider} bean (operations)
 * and every HAPI {@code @Interceptor} bean. Providers are thin: reads, history and searches go through one shared
 * service over storage, and searches page over snapshots stored in PostgreSQL so that each page shows exactly what
 * matched when the search ran, on any replica. Errors leave as OperationOutcomes without internals.
 */
package org.spinefusion.careplan.service.api;
