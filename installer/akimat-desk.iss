; Inno Setup 6 script: the Windows installer of Akimat Desk from the bundle dist\akimat-desk\.
; Per-user: no administrator rights (PrivilegesRequired=lowest), installed under
; %LOCALAPPDATA%\Programs\AkimatDesk, a Start-menu entry, an uninstaller that removes the program
; only. The office's data folder %LOCALAPPDATA%\AkimatDesk (database, backups, keys, logs) is not
; the program folder and is never touched by the uninstaller.
; Build: installer\build-windows.ps1 (or: ISCC.exe /DAppVersion=0.1.0 installer\akimat-desk.iss)

#define AppName "Akimat Desk"
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6B1F3E52-8C4A-4F0B-9B1E-2D7A5C3E9F41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Akimat Desk
VersionInfoVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\AkimatDesk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=akimat-desk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\akimat-desk.ico
UninstallDisplayIcon={app}\akimat-desk.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: akimat-desk.exe (window), akimat-desk-cli.exe (console), _internal\
Source: "..\dist\akimat-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\akimat-desk.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\akimat-desk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\akimat-desk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry names %LOCALAPPDATA%\AkimatDesk: the office's data stays.
