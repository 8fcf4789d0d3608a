@echo off
rem Starts the scission command-line tool of this distribution (java from JAVA_HOME or the PATH).
setlocal
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
"%JAVA%" %JAVA_OPTS% -cp "%~dp0..\lib\*" io.scission.cli.ScissionCli %*
