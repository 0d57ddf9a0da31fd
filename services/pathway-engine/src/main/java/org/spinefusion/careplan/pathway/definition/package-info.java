/**
 * Reads a pathway PlanDefinition once into the shape the engine walks for every episode: phases, activities with
 * their definitions resolved, offsets parsed and conditions parsed, so a broken artifact fails at start-up.
 */
package org.spinefusion.careplan.pathway.definition;
