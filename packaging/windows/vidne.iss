; Inno Setup 6 script: VidneSetup-<version>.exe, a per-machine installer of the PyInstaller folder
; dist\vidne (built on Windows with `pyinstaller --noconfirm build.spec`).
;
; UNTESTED: written and reviewed on Linux, where Inno Setup cannot run. See docs/building-installers.md.
;
; Build:   iscc /DAppVersion=0.1.0 packaging\windows\vidne.iss        -> dist\VidneSetup-0.1.0.exe
; Install silently, with the organisation's settings:
;          VidneSetup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CONFIG="\\server\it\vidne\config.toml" /LOG="%TEMP%\vidne-setup.log"
; Uninstall silently:
;          "C:\Program Files\Vidne\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;
; /CONFIG=<file> copies that file to %ProgramData%\Vidne\config.toml (replacing one there). Without
; /CONFIG an existing config.toml is left as it is. Uninstalling never removes config.toml and never
; touches anyone's evidence (it lives in each person's %LOCALAPPDATA%\Vidne).

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=<version from 'dist\vidne\vidne.exe --version'> packaging\windows\vidne.iss
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\vidne"
#endif

[Setup]
AppId={{6F1B7E0A-3C55-4C8E-9D2B-6A0E5B9C1D47}
AppName=Vidne
AppVersion={#AppVersion}
AppVerName=Vidne {#AppVersion}
AppPublisher=Vidne
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Vidne
DisableDirPage=auto
DefaultGroupName=Vidne
DisableProgramGroupPage=yes
; Per machine, for everyone on the PC: needs administrator rights, never falls back to per user.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=VidneSetup-{#AppVersion}
SetupIconFile=..\icons\vidne.ico
UninstallDisplayIcon={app}\vidne-app.exe
UninstallDisplayName=Vidne
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running Vidne before files are replaced (silent installs too).
CloseApplications=force
RestartApplications=no
SetupLogging=yes
ShowLanguageDialog=no
; Code signing: define a sign tool in the IDE or on the command line, e.g.
;   iscc "/Ssigntool=signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /a $f" ...
; and uncomment:
; SignTool=signtool
; SignedUninstaller=yes

[Languages]
Name: "danish"; MessagesFile: "compiler:Languages\Danish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Dirs]
; The organisation's settings folder: administrators write it, everyone reads it.
Name: "{commonappdata}\Vidne"; Permissions: users-readexec; Flags: uninsneveruninstall

[InstallDelete]
; A new version replaces the whole program folder: no stale files from an older build.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\config.toml.example"; DestDir: "{commonappdata}\Vidne"; Flags: ignoreversion uninsneveruninstall
Source: "{param:CONFIG}"; DestDir: "{commonappdata}\Vidne"; DestName: "config.toml"; \
  Flags: external ignoreversion uninsneveruninstall; Check: ConfigGiven

[Icons]
Name: "{autoprograms}\Vidne"; Filename: "{app}\vidne-app.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\Vidne"; Filename: "{app}\vidne-app.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\vidne-app.exe"; Description: "{cm:LaunchProgram,Vidne}"; Flags: nowait postinstall skipifsilent

[Code]
function ConfigGiven: Boolean;
begin
  Result := ExpandConstant('{param:CONFIG|}') <> '';
end;

function InitializeSetup: Boolean;
var
  Config: String;
begin
  Result := True;
  Config := ExpandConstant('{param:CONFIG|}');
  if (Config <> '') and not FileExists(Config) then
  begin
    Log('The /CONFIG file does not exist: ' + Config);
    SuppressibleMsgBox('The settings file given with /CONFIG does not exist:' + #13#10 + Config,
      mbCriticalError, MB_OK, IDOK);
    Result := False;
  end;
end;
