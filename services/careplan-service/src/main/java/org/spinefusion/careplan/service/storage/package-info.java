/**
 * PostgreSQL storage of FHIR resources: every version in {@code resource_version} as the JSON it was encoded to, which reads serve as it is, the current version of
 * each resource with its search columns in {@code resource_current}, and search snapshots for stable paging. The
 * {@link org.spinefusion.careplan.service.storage.ResourceRepository} is the only way resources are written; search
 * columns come from one {@link org.spinefusion.careplan.service.storage.SearchColumns} bean per resource type. Without
 * a configured datasource the service runs on an embedded PostgreSQL that keeps its data directory across restarts.
 */
package org.spinefusion.careplan.service.storage;
