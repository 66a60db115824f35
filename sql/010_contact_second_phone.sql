-- An e-mail reporter's contact stays their address; a phone number they wrote (a signature's "HP 0812…") is kept
-- beside it as a second way to reach them, shown to operators and masked for viewers.
alter table contacts add column if not exists phone text;
