/** The model spec language of the command line ({@link org.seq4j.spec.ModelSpec}) and named presets. */
package org.seq4j.spec;
