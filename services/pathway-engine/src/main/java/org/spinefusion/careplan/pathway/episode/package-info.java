/**
 * Reads and checks the episode input (the surgery ServiceRequest in the $apply data), collecting every problem
 * before refusing, and computes the fingerprint that makes re-applying the same input a no-op.
 */
package org.spinefusion.careplan.pathway.episode;
