/** libibverbs through jnr-ffi, the probe responder and the RDMA gates. Filled in by the verbs-check issue. */
package org.networktool.verbscheck;
