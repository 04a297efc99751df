/** The rollback journal, crash recovery and revert. Filled in by the executor/journal issue. */
package org.networktool.rollback;
