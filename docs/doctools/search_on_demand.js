// Material's search worker, started by the first search (docs/doctools/material_adapter.py).
const post = self.postMessage.bind(self);
let index, real, latest, ready = false;
self.onmessage = ({data}) => {
  if (data.type === 0) { index = data; if (!ready) return post({type: 1}); }
  if (ready) return real({data});
  if (!String(data.data).trim()) return post({type: 3, data: {items: []}});  // as Material's answers ""
  latest = data;
  if (real) return;
  self.addEventListener = (type, listener) => { real = listener; };
  self.postMessage = message => {
    if (message.type !== 1) return post(message);
    ready = true;
    self.postMessage = post;
    if (latest) real({data: latest});
  };
  importScripts("WORKER");
  real({data: index});
};
