package org.mnist1d.workbench.figures;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Images written as one looping animated GIF with the JDK's own GIF writer: each frame carries its
 * delay in its graphic control extension, and the first frame the NETSCAPE2.0 application extension
 * that makes browsers loop forever.
 */
public final class AnimatedGif {
  private AnimatedGif() {}

  /** Writes {@code frames}, frame {@code i} shown {@code delaysMs[i]} ms, looping. */
  public static void write(List<? extends RenderedImage> frames, int[] delaysMs, OutputStream out)
      throws IOException {
    if (frames.isEmpty() || frames.size() != delaysMs.length) {
      throw new IllegalArgumentException(
          frames.size() + " frames and " + delaysMs.length + " delays");
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.prepareWriteSequence(null);
      for (int i = 0; i < frames.size(); i++) {
        RenderedImage frame = frames.get(i);
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta =
            writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromRenderedImage(frame), param);
        String format = meta.getNativeMetadataFormatName(); // javax_imageio_gif_image_1.0
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", String.valueOf(Math.max(1, delaysMs[i] / 10)));
        control.setAttribute("transparentColorIndex", "0");
        if (i == 0) {
          IIOMetadataNode apps = child(root, "ApplicationExtensions");
          IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
          loop.setAttribute("applicationID", "NETSCAPE");
          loop.setAttribute("authenticationCode", "2.0");
          loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0: forever
          apps.appendChild(loop);
        }
        meta.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(frame, null, meta), param);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }

  /** The child of {@code root} called {@code name}, added when missing. */
  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }
}
