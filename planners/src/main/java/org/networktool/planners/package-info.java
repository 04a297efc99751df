/**
 * Pure planning: (current layout, target spec) to a Plan value. Filled in by the planner issue;
 * this module must never depend on executors, verbs-check or cli.
 */
package org.networktool.planners;
