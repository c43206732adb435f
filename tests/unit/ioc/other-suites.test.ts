import { describe, expect, it } from 'vitest';
import { valuesOf } from './helpers';

/**
 * Inputs from another project's own test suite: fhightower/ioc-finder,
 * tests/find_iocs_cases/registry_keys.py and mac_addr.py (their cases, not ours). Where that
 * suite's expectation differs from our normal form only by form (we expand the hive and report
 * MACs lower-case with colons, the STIX forms), the expectation is converted; a real
 * disagreement is written down as such.
 */
describe('ioc-finder registry_keys.py', () => {
  it('registry_1/2: a <USER SID> placeholder name; an unclosed one gives nothing', () => {
    expect(
      valuesOf(
        'The registry value “ntdll” was added to the “HKEY_USERS\\<USER SID>\\Software\\Microsoft\\Windows\\CurrentVersion\\Run” key.',
        'registry-key',
      ),
    ).toEqual(['HKEY_USERS\\<USER SID>\\Software\\Microsoft\\Windows\\CurrentVersion\\Run']);
    // An unclosed placeholder: nothing, as in ioc-finder.
    expect(
      valuesOf(
        'added to the “HKEY_USERS\\<USER SID\\Software\\Microsoft\\Windows\\CurrentVersion\\Run” key.',
        'registry-key',
      ),
    ).toEqual([]);
  });

  it('registry_3/6: hives written <HKCU>\\ and <HKLM>\\', () => {
    expect(
      valuesOf(
        '<HKCU>\\SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\EXPLORER\\ADVANCED\n        Value Name: ShowSuperHidden\n' +
          '<HKLM>\\SOFTWARE\\WOW6432NODE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\RUN\n        Value Name: avscan',
        'registry-key',
      ),
    ).toEqual([
      'HKEY_CURRENT_USER\\SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\EXPLORER\\ADVANCED',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432NODE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\RUN',
    ]);
  });

  it('registry_4/7/12/13/14: names with spaces, prose after the key, a double space, HKCC', () => {
    expect(
      valuesOf(
        'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Console\\ConsoleIME HKLM\\SOFTWARE\\WOW6432NODE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\RUN',
        'registry-key',
      ),
    ).toEqual([
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Console\\ConsoleIME',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432NODE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\RUN',
    ]);
    expect(
      valuesOf(
        'Found a registry key like HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Console\\ConsoleIME on the windows box',
        'registry-key',
      ),
    ).toEqual([
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Console\\ConsoleIME',
    ]);
    expect(
      valuesOf(
        'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\notepad.exe',
        'registry-key',
      ),
    ).toEqual([
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\notepad.exe',
    ]);
    expect(
      valuesOf(
        'HKLM\\SOFTWARE\\Microsoft\\Windows  NT\\CurrentVersion\\Console\\ConsoleIME',
        'registry-key',
      ),
    ).toEqual(['HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows']);
    expect(
      valuesOf(
        'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows HKLM\\Software\\Microsoft\\Windows HKCC\\Software\\Microsoft\\Windows',
        'registry-key',
      ),
    ).toEqual([
      'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows',
      'HKEY_CURRENT_CONFIG\\Software\\Microsoft\\Windows',
    ]);
  });

  it('registry_8–11: lower-case names with spaces', () => {
    for (const path of [
      'SOFTWARE\\foo bar\\b',
      'SOFTWARE\\foo bar\\bing buzz\\b',
      'SOFTWARE\\foo bar bing\\buzz boom\\b',
      'SOFTWARE\\foo bar\\bing buzz boom\\b',
    ])
      expect(valuesOf(`HKLM\\${path}`, 'registry-key')).toEqual([`HKEY_LOCAL_MACHINE\\${path}`]);
  });

  it('registry_full_example: the last name ends at the first space', () => {
    expect(
      valuesOf(
        'The configuration values are stored in the HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Shell Extensions registry key.',
        'registry-key',
      ),
    ).toEqual(['HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Shell']);
  });
});

describe('ioc-finder mac_addr.py', () => {
  it('mac_1/2: dash, colon and Cisco forms in either case', () => {
    expect(valuesOf('AA-F2-C9-A6-B3-4F AB:F2:C9:A6:B3:4F ACF2.C9A6.B34F', 'mac')).toEqual([
      'aa:f2:c9:a6:b3:4f',
      'ab:f2:c9:a6:b3:4f',
      'ac:f2:c9:a6:b3:4f',
    ]);
    expect(valuesOf('aa-f2-c9-a6-b3-4f ab:f2:c9:a6:b3:4f acf2.c9a6.b34f', 'mac')).toEqual([
      'aa:f2:c9:a6:b3:4f',
      'ab:f2:c9:a6:b3:4f',
      'ac:f2:c9:a6:b3:4f',
    ]);
  });
});
