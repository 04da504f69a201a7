"""Renderers and the library on the session's default classpath."""
import base64


def test_buffered_image_renders_as_png(kernel):
    cell = kernel.ok("var image = new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);\nimage")
    assert base64.b64decode(cell.result["image/png"]).startswith(b"\x89PNG")


def test_xchart_renders_as_png_and_svg_on_request(kernel):
    kernel.ok('var chart = org.knowm.xchart.QuickChart.getChart("t", "x", "y", "s", new double[]{1, 2, 3}, new double[]{2, 4, 1});')
    png = kernel.ok("chart").result["image/png"]
    assert base64.b64decode(png).startswith(b"\x89PNG")
    shown = kernel.ok('display(chart, "image/svg+xml");').of_type("display_data")
    assert "<svg" in shown[0]["data"]["image/svg+xml"]


def test_tablesaw_table_renders_as_escaped_html_with_its_shape(kernel):
    kernel.ok('import tech.tablesaw.api.*;\n'
              'var names = StringColumn.create("name");\n'
              'var values = IntColumn.create("value");\n'
              'for (int i = 0; i < 100; i++) { names.append(i == 0 ? "<script>x</script>" : "row" + i); values.append(i); }\n'
              'var table = Table.create("demo", names, values);')
    html = kernel.ok("table").result["text/html"]
    assert "100 rows × 2 columns" in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "row99" in html and "row50" not in html and "…" in html


def test_djl_computes_offline_on_the_default_classpath(kernel):
    cell = kernel.ok("try (var manager = ai.djl.ndarray.NDManager.newBaseManager()) {\n"
                     "    var total = manager.create(new float[]{1f, 2f, 3f}).mul(2).sum().getFloat();\n"
                     "    System.out.println(ai.djl.engine.Engine.getInstance().getEngineName() + \" \" + total);\n"
                     "}", timeout=180)
    assert "PyTorch 12.0" in cell.stdout


def test_notebooks_written_for_ijava_and_jjava_register_their_own_renderings(kernel):
    kernel.ok("import io.github.spencerpark.ijava.IJava;\n"
              "import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;\n"
              "record Point(int x, int y) {}\n"
              "IJava.getKernelInstance().getRenderer().createRegistration(Point.class).preferring(MIMEType.TEXT_HTML)\n"
              "    .register((p, context) -> context.renderIfRequested(MIMEType.TEXT_HTML, () -> \"<b>\" + p.x() + \",\" + p.y() + \"</b>\"));")
    assert kernel.ok("new Point(1, 2)").result["text/html"] == "<b>1,2</b>"
    kernel.ok("record Note(String text) {}\n"
              "org.dflib.jjava.JJava.getKernelInstance().getRenderer().createRegistration(Note.class).preferring(\"text/markdown\")\n"
              "    .register((n, context) -> context.renderIfRequested(\n"
              "        org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_MARKDOWN, () -> \"**\" + n.text() + \"**\"));")
    assert kernel.ok('new Note("hi")').result["text/markdown"] == "**hi**"
    shown = kernel.ok('IJava.getKernelInstance().display(new Point(3, 4));')
    assert any(d["data"].get("text/html") == "<b>3,4</b>" for d in shown.of_type("display_data"))
