/**
 * Stage five, watch: reads the EHR's copies of delivered acknowledgement Tasks, so an acknowledgement made where the
 * clinician works stops the escalation here.
 */
package org.spinefusion.careplan.service.delivery.watch;
