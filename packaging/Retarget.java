import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step (cli/pom.xml, after the shade): rewrites the jar's class files older than Java 6 (picocli, jnr's bundled ASM
 * and x86asm are compiled for Java 5) as Java 8 class files with computed stack map frames. A JVM will not put a class
 * older than Java 6 into a class-data-sharing archive, and verifies it with the slow inference verifier at every start:
 * picocli alone was a third of a command's start. The code is unchanged; only the version and the frames are new. A
 * class ASM cannot give frames (JSR/RET) is left as it was, and said.
 *
 *   java -cp JAR packaging/Retarget.java JAR      (ASM comes from the jar itself, bundled by jnr-ffi)
 */
public final class Retarget {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp JAR Retarget.java JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        int done = 0;
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of());
                Stream<Path> all = Files.walk(fs.getPath("/"))) {
            for (Path p : all.filter(p -> p.toString().endsWith(".class")).toList()) {
                byte[] b = Files.readAllBytes(p);
                int major = ((b[6] & 0xff) << 8) | (b[7] & 0xff);
                if (major >= Opcodes.V1_6 || b.length < 8) {
                    continue;
                }
                try {
                    Files.write(p, retarget(b, classes));
                    done++;
                } catch (RuntimeException e) {
                    System.err.println("Retarget: " + p + " left as Java " + (major - 44) + ": " + e.getMessage());
                }
            }
        }
        System.out.println("Retarget: " + done + " class files of " + jar.getFileName() + " now Java 8 with stack map frames");
    }

    static byte[] retarget(byte[] old, ClassLoader classes) {
        ClassReader r = new ClassReader(old);
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            // Frames need the common superclass of two types: looked up in the jar, without initialising anything.
            @Override
            protected String getCommonSuperClass(String a, String b) {
                try {
                    Class<?> c = Class.forName(a.replace('/', '.'), false, classes);
                    Class<?> d = Class.forName(b.replace('/', '.'), false, classes);
                    if (c.isAssignableFrom(d)) {
                        return a;
                    }
                    if (d.isAssignableFrom(c)) {
                        return b;
                    }
                    if (c.isInterface() || d.isInterface()) {
                        return "java/lang/Object";
                    }
                    do {
                        c = c.getSuperclass();
                    } while (!c.isAssignableFrom(d));
                    return c.getName().replace('.', '/');
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("no frames: " + e, e);
                }
            }
        };
        r.accept(new ClassVisitor(Opcodes.ASM9, w) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, 0);
        return w.toByteArray();
    }
}
