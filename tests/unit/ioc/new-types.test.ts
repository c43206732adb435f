import { describe, expect, it } from 'vitest';
import { extractIocs, normaliseValue } from '../../../utils/ioc/index';
import { foundAll, valuesOf } from './helpers';

const H = (n: number, c = 'a'): string => c.repeat(n - 1) + 'b';

describe('mac', () => {
  it('colon, dash and Cisco-dot forms, reported lower-case with colons', () => {
    expect(
      valuesOf('MAC 00:1A:2B:3C:4D:5E, adapter 00-1a-2b-3c-4d-5f, switch 001a.2b3c.4d60.', 'mac'),
    ).toEqual(['00:1a:2b:3c:4d:5e', '00:1a:2b:3c:4d:5f', '00:1a:2b:3c:4d:60']);
    const [mac] = extractIocs('Physical Address. . . : 3C-52-82-0A-1B-2C').iocs;
    expect(mac).toMatchObject({ type: 'mac', original: '3C-52-82-0A-1B-2C' });
  });

  it('not a part of an IPv6 address, a longer byte string or a hash', () => {
    expect(
      foundAll(
        'fe80::1a:2b:3c:4d:5e 2001:db8::aa:bb:cc:dd:ee:ff SHA1 Fingerprint=AB:CD:EF:01:23:45:67:89:AB:CD ' +
          'serial 01-02-03-04-05-06-07 a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6aa:bb:cc:dd:ee:ff',
      ).filter((x) => x.startsWith('mac:')),
    ).toEqual([]);
  });

  it('placeholders and unlabelled digit-only dash/dot forms are not reported', () => {
    expect(valuesOf('00:00:00:00:00:00 FF:FF:FF:FF:FF:FF', 'mac')).toEqual([]);
    expect(valuesOf('call 12-34-56-78-90-12, build 2023.1104.1530', 'mac')).toEqual([]);
    expect(valuesOf('hwaddr 12-34-56-78-90-12', 'mac')).toEqual(['12:34:56:78:90:12']);
  });

  it('times and short colon groups are not MACs', () => {
    expect(valuesOf('at 10:30:45 and 10:30:45:12:00', 'mac')).toEqual([]);
  });
});

describe('ssdeep', () => {
  const ss = '96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sfF1LjEtHHlZDrw1mA+4uyd+X';
  it('blocksize:hash:hash, as written, also in ssdeep CSV output', () => {
    expect(valuesOf(`ssdeep: ${ss}`, 'ssdeep')).toEqual([ss]);
    expect(valuesOf(`${ss},"C:\\evil.exe"`, 'ssdeep')).toEqual([ss]);
    expect(normaliseValue('ssdeep', ss)).toBe(ss);
  });

  it('block size must be 3·2^k', () => {
    expect(valuesOf(ss.replace(/^96/, '95'), 'ssdeep')).toEqual([]);
    expect(valuesOf(ss.replace(/^96/, '096'), 'ssdeep')).toEqual([]);
    expect(valuesOf(ss.replace(/^96/, '6144'), 'ssdeep')).toEqual([ss.replace(/^96/, '6144')]);
  });

  it('times, paths, ports and triples are not ssdeep', () => {
    expect(
      valuesOf(
        'at 12:30:45, PATH=24:/usr/local/bin:/usr/bin, http://h.example.com:3072/Ab1cD2eF:xyZ1 ' +
          `x${ss} ${ss}:extra 3:abcdef:gh`,
        'ssdeep',
      ),
    ).toEqual([]);
  });
});

describe('sha224 / sha384', () => {
  it('whole hex runs of 56 and 96 characters, lower-cased', () => {
    const a = H(56, 'A');
    const b = H(96, 'c');
    expect(foundAll(`SHA-224 ${a} SHA-384: ${b}`)).toEqual([
      `sha224:${a.toLowerCase()}`,
      `sha384:${b}`,
    ]);
  });

  it('never a slice of a longer run, and 55/57/95/97 hex give nothing', () => {
    expect(
      foundAll(`${H(55)} ${H(57)} ${H(95)} ${H(97)}`).filter((x) => x.startsWith('sha')),
    ).toEqual([]);
  });

  it('a 56/96-hex value labelled as a key is not a digest, unless a digest word precedes it', () => {
    expect(valuesOf(`ECDH public key x: ${H(96)}`, 'sha384')).toEqual([]);
    expect(valuesOf(`session token ${H(56)}`, 'sha224')).toEqual([]);
    expect(valuesOf(`sha384 of the key file: ${H(96)}`, 'sha384')).toEqual([H(96)]);
  });

  it('joins a sha384 broken over two lines when the label names it', () => {
    const full = H(96);
    expect(valuesOf(`SHA-384:\n${full.slice(0, 48)}\n${full.slice(48)}\n`, 'sha384')).toEqual([
      full,
    ]);
  });
});

describe('registry-key', () => {
  it('abbreviated and full roots, hive expanded, path case kept', () => {
    expect(
      valuesOf(
        'Persistence via HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run and ' +
          'hkey_local_machine\\SYSTEM\\CurrentControlSet\\Services\\EvilSvc.',
        'registry-key',
      ),
    ).toEqual([
      'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\EvilSvc',
    ]);
  });

  it('names with spaces, PowerShell drives, doubled backslashes, HKU SIDs', () => {
    expect(
      valuesOf(
        'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe /v Debugger\n' +
          'Get-Item HKCU:\\Environment\n' +
          '"key": "HKLM\\\\SOFTWARE\\\\Classes\\\\CLSID\\\\{0A29FF9E-7F9C-4437-8B11-F424491E3931}"\n' +
          'HKU\\S-1-5-21-1004336348-1177238915-682003330-512\\Software\\Evil',
        'registry-key',
      ),
    ).toEqual([
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe',
      'HKEY_CURRENT_USER\\Environment',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\CLSID\\{0A29FF9E-7F9C-4437-8B11-F424491E3931}',
      'HKEY_USERS\\S-1-5-21-1004336348-1177238915-682003330-512\\Software\\Evil',
    ]);
  });

  it('prose after the last name, brackets and sentence ends are not part of it', () => {
    expect(
      valuesOf(
        '(under HKCU\\Software\\Classes\\ms-settings\\Shell\\Open\\command) and then writes C:\\x\\a.exe',
        'registry-key',
      ),
    ).toEqual(['HKEY_CURRENT_USER\\Software\\Classes\\ms-settings\\Shell\\Open\\command']);
  });

  it('a bare root, a root glued to a word or without a backslash is nothing', () => {
    expect(
      valuesOf('HKLM\\ alone, XHKLM\\Software\\A, HKLM/Software/A, HKLM', 'registry-key'),
    ).toEqual([]);
  });
});

describe('filename', () => {
  it('executables, scripts, documents and archives; the last component of a path', () => {
    expect(
      valuesOf(
        'Dropped C:\\Users\\Public\\svchost.exe, /tmp/x.sh, invoice.pdf.exe, archive.tar.gz, PROGRA~1.EXE and report.DOCX',
        'filename',
      ),
    ).toEqual([
      'svchost.exe',
      'x.sh',
      'invoice.pdf.exe',
      'archive.tar.gz',
      'PROGRA~1.EXE',
      'report.DOCX',
    ]);
  });

  it('a name that is also a domain is reported once, as what the domain rules decide', () => {
    // Attachment wording: a file. Defanged: a domain, and then never a file in that document.
    expect(foundAll('attachment: q4-invoice.zip')).toEqual(['filename:q4-invoice.zip']);
    expect(foundAll('C2 q4-invoice[.]zip, later the file q4-invoice.zip')).toEqual([
      'domain:q4-invoice.zip',
    ]);
    expect(foundAll('run loader.py then install.sh')).toEqual([
      'filename:loader.py',
      'filename:install.sh',
    ]);
    // .one is an ordinary TLD: a domain.
    expect(foundAll('lure invoice.one')).toEqual(['domain:invoice.one']);
  });

  it('extensions alone, globs, variables, mixed-case extensions and product names are not files', () => {
    expect(
      valuesOf(
        'files with the .exe extension, *.dll, %TEMP%.exe, see the file.Doc, built on Node.js and Vue.js',
        'filename',
      ),
    ).toEqual([]);
  });

  it('not inside a URL or an e-mail address, and other extensions are not file names', () => {
    expect(
      foundAll('hxxp://evil[.]com/d/payload.exe from bob.exe@mail.example.com; notes.txt logo.png'),
    ).toEqual(['url:http://evil.com/d/payload.exe', 'email:bob.exe@mail.example.com']);
  });
});

describe('new types are plain options', () => {
  it('each can be switched off', () => {
    const text =
      'HKCU\\Software\\A 00:1a:2b:3c:4d:5e evil.exe 3:Ab1cD2eF:xY ' + H(56) + ' ' + H(96);
    const all = extractIocs(text).iocs.map((i) => i.type);
    expect(all.toSorted()).toEqual([
      'filename',
      'mac',
      'registry-key',
      'sha224',
      'sha384',
      'ssdeep',
    ]);
    for (const t of all) {
      const rest = extractIocs(text, { types: all.filter((x) => x !== t) }).iocs.map((i) => i.type);
      expect(rest).not.toContain(t);
      expect(rest).toHaveLength(all.length - 1);
    }
  });
});
