// The test site's tarteaucitron set-up (real tarteaucitronjs 1.34.0), before the snippet.
tarteaucitron.init({
  privacyUrl: '',
  hashtag: '#tarteaucitron',
  cookieName: 'tarteaucitron',
  orientation: 'bottom',
  showAlertSmall: false,
  cookieslist: false,
  highPrivacy: true,
  handleBrowserDNTRequest: false,
  AcceptAllCta: true,
  DenyAllCta: true,
  removeCredit: true,
  moreInfoLink: false,
  mandatory: true,
  googleConsentMode: false,
  useExternalCss: false,
  useExternalJs: false,
});
