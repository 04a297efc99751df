/** Runs a Plan on a host: command runner, step loop, gates, confirm-or-revert. Filled in by the executor issue. */
package org.networktool.executors;
