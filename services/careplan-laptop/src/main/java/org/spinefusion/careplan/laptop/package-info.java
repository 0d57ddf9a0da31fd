/**
 * The laptop launcher: starts the service on an embedded PostgreSQL kept in {@code ./data/postgres}. Only this
 * module depends on the embedded PostgreSQL binaries.
 */
package org.spinefusion.careplan.laptop;
