/**
 * The {@code PlanDefinition/$apply} operation: turns one surgery episode into its stored care plan, in one
 * transaction, so that the same input applied again changes nothing, a moved surgery date gives new versions
 * with rescheduled activities, and a cancelled surgery revokes the plan.
 */
package org.spinefusion.careplan.service.apply;
