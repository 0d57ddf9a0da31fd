/**
 * The EHR endpoints delivery sends to: their settings (from configuration or the admin operation), what their
 * CapabilityStatement and SMART configuration say they take, and a short-lived copy per replica.
 */
package org.spinefusion.careplan.service.delivery.endpoints;
