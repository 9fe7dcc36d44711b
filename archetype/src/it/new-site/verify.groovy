// Checks what a user of the archetype would see: the generated files, then the site that
// mvn site-publish and mvn verify made from them. basedir is target/it/new-site.
import java.util.concurrent.TimeUnit

File site = new File(basedir, 'my-site')
def fail = { String what -> throw new AssertionError(what) }
def text = { String path ->
  File f = new File(site, path)
  if (!f.isFile()) fail("missing: my-site/" + path)
  f.getText('UTF-8')
}
def unescape = { String s -> s.replace('&#39;', "'").replace('&#x27;', "'").replace('&quot;', '"').replace('&amp;', '&') }
String title = 'Ada\'s Notes: on "static" sites'

// The generated project.
String pom = text('pom.xml')
if (!pom.contains('<artifactId>edgepress-maven-plugin</artifactId>')) fail('pom.xml does not declare the plugin')
if (!pom.contains('<version>' + pluginVersion + '</version>')) fail('pom.xml does not name plugin version ' + pluginVersion)
if (!pom.contains('<extensions>true</extensions>')) fail('pom.xml lacks <extensions>true</extensions>')
if (pom.contains('@project.version@')) fail('pom.xml still holds @project.version@')
if (!pom.contains('<groupId>com.example</groupId>') || !pom.contains('<artifactId>my-site</artifactId>')) fail('pom.xml lacks the given coordinates')
['domain', 'aliases', 'region', 'bucket', 'distributionId', 'priceClass', 'profile'].each { name ->
  if (!(pom =~ /<!-- <${name}>[^<]*<\/${name}> -->/)) fail("pom.xml lacks a commented <${name}>")
}
String yaml = text('site.yaml')
if (!yaml.contains("title: 'Ada''s Notes: on \"static\" sites'")) fail('site.yaml title: ' + yaml)
if (!yaml.contains("baseUrl: 'https://notes.example.com/'")) fail('site.yaml baseUrl: ' + yaml)
if (!text('.gitignore').readLines().contains('target/')) fail('.gitignore does not ignore target/')
String workflow = text('.github/workflows/publish.yml')
if (!workflow.contains('mvn -B site-publish') || !workflow.contains('id-token: write')) fail('the workflow does not publish with OIDC')
if (workflow.readLines().any { it.trim() && !it.startsWith('#') }) fail('the workflow is not commented out')
['content/_index.md', 'content/about.md', 'content/posts/hello.md', 'content/posts/first-steps/index.md', 'README.md'].each { text(it) }
site.eachFileRecurse { f ->
  if (f.isFile() && !f.path.contains('/target/') && !f.name.endsWith('.png')) {
    String t = f.getText('UTF-8')
    if (t.contains('${') || t.contains('@project.version@')) fail('a placeholder was left in ' + f)
  }
}
byte[] png = new File(basedir, '../../../src/main/resources/archetype-resources/content/posts/first-steps/publish-flow.png').bytes
if (new File(site, 'content/posts/first-steps/publish-flow.png').bytes != png) fail('the picture was changed on the way')

// mvn site-publish, then mvn verify: the built site and its copy in the local folder store.
['target/site', 'target/edgepress/bucket'].each { root ->
  ['index.html', 'about/index.html', 'posts/index.html', 'posts/hello/index.html', 'posts/first-steps/index.html',
   'tags/news/index.html', 'sitemap.xml', 'index.xml'].each { text(root + '/' + it) }
  if (new File(site, root + '/posts/first-steps/publish-flow.png').bytes != png) fail(root + ': the picture is missing or changed')
}
String home = unescape(text('target/edgepress/bucket/index.html'))
if (!home.contains('<title>' + title)) fail('the home page is not titled ' + title)
if (!home.contains('Welcome to <strong>' + title + '</strong>')) fail('the home page lacks its text')
String post = text('target/edgepress/bucket/posts/first-steps/index.html')
def img = post =~ /<img [^>]*>/
if (!img.find()) fail('the post shows no image')
String tag = img.group()
if (!tag.contains('src="publish-flow.png"') && !tag.contains('/posts/first-steps/publish-flow.png"')) fail('the image points elsewhere: ' + tag)
if (!tag.contains('width="240"') || !tag.contains('height="120"')) fail('the image has no size: ' + tag)
if (!post.contains('<code class="language-java">')) fail('the post lacks its Java code block')
if (!text('target/edgepress/bucket/sitemap.xml').contains('https://notes.example.com/about/')) fail('the sitemap does not use the baseUrl')
if (!text('target/edgepress/publish-report.json').contains('uploaded')) fail('no publish report')

// mvn edgepress:serve, offline (the builds above fetched all it needs) and with the same repositories as
// they had. The preview answers with the home page; the server is stopped afterwards.
File settings = new File(basedir, 'serve-settings.xml')
settings.setText(new File(basedir, '../../../src/it/settings.xml').getText('UTF-8')
    .replace('@localRepositoryUrl@', new File(outerRepository).toURI().toString()), 'UTF-8')
int port = new ServerSocket(0).withCloseable { it.localPort }
File log = new File(basedir, 'serve.log')
Process serve = new ProcessBuilder(new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-o',
    '-s', settings.path, '-Dmaven.repo.local=' + localRepositoryPath, '-Dedgepress.daemon=false',
    '-Dedgepress.port=' + port, 'edgepress:serve')
    .directory(site).redirectErrorStream(true).redirectOutput(log).start()
try {
  long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90)
  String page = null
  while (page == null && System.nanoTime() < deadline) {
    if (!serve.alive) fail('mvn edgepress:serve stopped:\n' + log.text)
    try {
      page = new URL('http://127.0.0.1:' + port + '/').getText('UTF-8')
    } catch (IOException notYet) {
      Thread.sleep(300)
    }
  }
  if (page == null) fail('mvn edgepress:serve did not answer within 90 s:\n' + log.text)
  if (!unescape(page).contains('<title>' + title)) fail('mvn edgepress:serve does not show the home page')
} finally {
  serve.toHandle().descendants().each { it.destroy() }
  serve.destroy()
  if (!serve.waitFor(20, TimeUnit.SECONDS)) serve.destroyForcibly()
}
return true
