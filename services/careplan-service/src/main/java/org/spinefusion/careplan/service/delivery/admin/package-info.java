/**
 * The admin FHIR operations on delivery (admin scope): register endpoints, read a resource's delivery status, page,
 * filter and replay held deliveries (dead letters and parked ones).
 */
package org.spinefusion.careplan.service.delivery.admin;
