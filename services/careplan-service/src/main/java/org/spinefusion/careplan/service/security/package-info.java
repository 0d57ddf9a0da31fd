/**
 * SMART on FHIR authorization and hostile-input hardening. Spring Security checks each bearer token (signature from
 * the issuer's JWKS, algorithm, issuer, audience, lifetime); a HAPI interceptor enforces SMART scopes (v1 and v2) per
 * resource type and interaction and confines patient-context tokens to their patient's compartment; a servlet filter
 * caps and inspects request bodies before HAPI parses them; every FHIR request leaves an audit row. See
 * docs/security.md.
 */
package org.spinefusion.careplan.service.security;
